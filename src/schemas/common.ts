import { z } from 'zod';
import { KEBAB_ID } from './ids';

export { KEBAB_ID };

export function kebabId(message = 'use a lowercase kebab-case id such as "transactional-outbox"') {
  return z.string().regex(KEBAB_ID, message);
}

/** A path inside a sandbox or lesson folder: relative, forward slashes, never "..". */
export const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), {
    message: 'use a relative path inside the sandbox, with forward slashes and no ".."',
  });
