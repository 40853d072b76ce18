import { describe, expect, it } from 'vitest';
import { DRAFT_BACKUP_PREFIX, DRAFT_PREFIX, clearDraft, loadDraft, saveDraft } from '../../../src/sandbox/drafts';
import { MemoryStorage } from '../../../src/progress';

const editable = (p: string) => p === 'server.js';

describe('sandbox drafts', () => {
  it('round-trips the learner files', () => {
    const storage = new MemoryStorage();
    expect(saveDraft(storage, 'idempotency', { 'server.js': 'edited' }, new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(loadDraft(storage, 'idempotency', editable)).toEqual({
      kind: 'draft',
      draft: { version: 1, savedAt: '2026-01-01T00:00:00.000Z', files: { 'server.js': 'edited' } },
    });
    clearDraft(storage, 'idempotency');
    expect(loadDraft(storage, 'idempotency', editable)).toEqual({ kind: 'none' });
  });

  it('ignores files the sandbox no longer lets the learner edit', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 'x', { 'lib/store.js': 'hacked' });
    expect(loadDraft(storage, 'x', editable)).toEqual({ kind: 'none' });
    expect(storage.getItem(DRAFT_PREFIX + 'x')).toContain('hacked');
  });

  it('keeps unreadable text as a backup instead of dropping it', () => {
    const storage = new MemoryStorage();
    storage.setItem(DRAFT_PREFIX + 'x', '{"version":1,"files":');
    const loaded = loadDraft(storage, 'x', editable);
    expect(loaded.kind).toBe('unreadable');
    const key = (loaded as { backupKey: string }).backupKey;
    expect(key.startsWith(DRAFT_BACKUP_PREFIX + 'x:')).toBe(true);
    expect(storage.getItem(key)).toBe('{"version":1,"files":');
    expect(storage.getItem(DRAFT_PREFIX + 'x')).toBeNull();
  });

  it('says why when the browser refuses to save', () => {
    const full = { getItem: () => null, removeItem: () => {}, setItem: () => { throw Object.assign(new Error('full'), { name: 'QuotaExceededError' }); } };
    expect(saveDraft(full, 'x', { 'server.js': 'a' })).toMatch(/storage for this site is full/);
  });
});
