import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { join } from 'node:path';
import { loadSandbox } from '../../server/sandbox-disk';

// Everything the sandbox panel needs, as one static file built with the site: the manifest, the
// starter (editable and read-only files), checks, demo scripts and the solution. Fetched only when
// the learner opens the panel, so it costs nothing on a page load.
export const getStaticPaths = (async () => {
  const sandboxes = await getCollection('sandboxes');
  return sandboxes.map((s) => ({ params: { id: s.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const source = await loadSandbox(join(process.cwd(), 'sandboxes', params.id!));
  return new Response(JSON.stringify(source), { headers: { 'Content-Type': 'application/json' } });
};
