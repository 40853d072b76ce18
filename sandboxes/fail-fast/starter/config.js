// Configuration is input too. Right now it is read the way Tallyho read MAIL_PASSWORD in the
// lesson: a missing or broken variable quietly becomes '' or NaN, the service starts, passes its
// health checks, and fails hours later in the middle of a request.

export class ConfigError extends Error {
  constructor(problems) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * The service's configuration from environment variables (process.env by default):
 *   PORT             optional, a whole number 1 to 65535, default 8080         -> port
 *   DATABASE_URL     required, secret, a postgres:// or postgresql:// URL       -> databaseUrl
 *   PAYMENT_API_KEY  required, secret, starts with sk_live_ or sk_test_         -> paymentApiKey
 *   MAIL_FROM        required, an email address                                 -> mailFrom
 *   MAX_BODY_BYTES   optional, a whole number 1024 to 1048576, default 16384    -> maxBodyBytes
 * TODO 7: check every variable, collect every problem, and throw ONE ConfigError(problems) naming
 *   each variable that is missing or malformed ("MAIL_FROM is not set", "PORT=\"80a\" is invalid: ...").
 *   An empty variable counts as not set. Never put a secret's value in a problem.
 * TODO 8: return the typed values (numbers as numbers), frozen (Object.freeze), so nothing can
 *   change them later.
 */
export function loadConfig(env = process.env) {
  return {
    port: Number(env.PORT ?? 8080),
    databaseUrl: env.DATABASE_URL ?? '',
    paymentApiKey: env.PAYMENT_API_KEY ?? '',
    mailFrom: env.MAIL_FROM ?? '',
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 16384),
  };
}
