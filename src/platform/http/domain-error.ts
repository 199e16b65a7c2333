/** One invalid field, as an RFC 6901 JSON pointer into the request body. */
export interface FieldError {
  pointer: string;
  message: string;
}

/**
 * An error a service throws on purpose. `code` is stable (`comment/not_found`) and becomes part
 * of the problem type; the one problem filter maps it to HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export function validationError(detail: string, errors: FieldError[]): DomainError {
  return new DomainError('request/validation', 422, 'Invalid request', detail, errors);
}

export function notFound(code: string, detail: string): DomainError {
  return new DomainError(code, 404, 'Not found', detail);
}
