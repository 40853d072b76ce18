import type { SeriesStore } from '../../telemetry/series';
import type { DataPlane } from './state';

/**
 * The cache's hit ratio and fill over the second that ends now. Lookups themselves are part of the
 * handler's step walk (instances.ts), where they cost no call.
 */
export function closeCacheSecond(dp: DataPlane, series: SeriesStore | null, sec: number): void {
  const cache = dp.cache;
  if (!cache) return;
  const h = cache.hits - dp.cacheHitsClosed;
  const m = cache.misses - dp.cacheMissesClosed;
  dp.cacheHitsClosed = cache.hits;
  dp.cacheMissesClosed = cache.misses;
  dp.use.cacheHitRatio = h + m > 0 ? h / (h + m) : NaN;
  if (series) {
    series.put('cache.hitRatio', sec, dp.use.cacheHitRatio);
    series.put('cache.fill', sec, cache.size / cache.capacity);
  }
}
