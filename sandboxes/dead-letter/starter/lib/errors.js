// Errors shared by the handler, the worker and the warehouse. Test for them by name
// (err?.name === 'PermanentError') rather than with instanceof: that works whichever copy of a
// module created the error.

/**
 * Throw this from the handler when no retry can ever make the message succeed: a body that is not
 * JSON, an order that is missing what it needs, a 4xx from the warehouse. Keep the original error
 * as `cause` so its message is not lost.
 */
export class PermanentError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** The warehouse API answered with an error status (4xx: the request is wrong; 5xx, 429: try later). */
export class WarehouseError extends Error {
  constructor(status, message) {
    super(message ?? `warehouse answered ${status}`);
    this.name = 'WarehouseError';
    this.status = status;
  }
}

/** The worker's HTTP client gave up waiting for the warehouse. The shipment may or may not exist. */
export class WarehouseTimeout extends Error {
  constructor(ms) {
    super(`warehouse did not answer within ${ms / 1000} s`);
    this.name = 'WarehouseTimeout';
  }
}
