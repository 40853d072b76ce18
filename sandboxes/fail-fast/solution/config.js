// Configuration is input too: read all of it once, at start, check all of it, and refuse to run
// with one error that names every problem (and never prints a secret).

export class ConfigError extends Error {
  constructor(problems) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function wholeNumber(min, max) {
  return (raw) => {
    if (!/^\d+$/.test(raw)) throw new Error(`expected a whole number from ${min} to ${max}`);
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/**
 * The service's configuration from environment variables (process.env by default):
 *   PORT             optional, 1 to 65535, default 8080                    -> port
 *   DATABASE_URL     required, secret, a postgres:// or postgresql:// URL   -> databaseUrl
 *   PAYMENT_API_KEY  required, secret, starts with sk_live_ or sk_test_     -> paymentApiKey
 *   MAIL_FROM        required, an email address                             -> mailFrom
 *   MAX_BODY_BYTES   optional, 1024 to 1048576, default 16384               -> maxBodyBytes
 * An empty variable counts as not set. Throws a ConfigError listing every problem at once.
 */
export function loadConfig(env = process.env) {
  const problems = [];
  const read = (name, parse, { secret = false, fallback } = {}) => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (fallback !== undefined) return fallback;
      problems.push(`${name} is not set`);
      return undefined;
    }
    try {
      return parse(raw);
    } catch (err) {
      problems.push(secret ? `${name} is invalid: ${err.message}` : `${name}=${JSON.stringify(raw)} is invalid: ${err.message}`);
      return undefined;
    }
  };

  const config = {
    port: read('PORT', wholeNumber(1, 65_535), { fallback: 8080 }),
    databaseUrl: read(
      'DATABASE_URL',
      (raw) => {
        let url;
        try {
          url = new URL(raw);
        } catch {
          throw new Error('expected a URL such as postgres://user@host:5432/db');
        }
        if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('expected a postgres:// URL');
        return raw;
      },
      { secret: true },
    ),
    paymentApiKey: read(
      'PAYMENT_API_KEY',
      (raw) => {
        if (!/^sk_(live|test)_\w+$/.test(raw)) throw new Error('expected a key that starts with sk_live_ or sk_test_');
        return raw;
      },
      { secret: true },
    ),
    mailFrom: read('MAIL_FROM', (raw) => {
      if (!EMAIL.test(raw)) throw new Error('expected an email address');
      return raw;
    }),
    maxBodyBytes: read('MAX_BODY_BYTES', wholeNumber(1024, 1_048_576), { fallback: 16_384 }),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
