/** An endpoint as the API shows it: never its secrets. */
export interface EndpointView {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  description: string | null;
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One attempt in an endpoint's delivery log. */
export interface AttemptView {
  attemptId: string;
  attemptedAt: string;
  success: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  eventType: string;
  eventId: string;
  deliveryId: string;
  deliveryStatus: string;
}
