import type { APIRoute } from 'astro';
import { localRunner, peerAddress } from '../../../server/instance';

export const prerender = false;

export const POST: APIRoute = (ctx) => localRunner().handleRun(ctx.request, { clientAddress: peerAddress(() => ctx.clientAddress) });
