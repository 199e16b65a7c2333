/** Injection token of the page's files (PageAssets), read once at start. */
export const PAGE_ASSETS = Symbol('PAGE_ASSETS');
