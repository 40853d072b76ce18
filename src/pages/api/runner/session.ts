import type { APIRoute } from 'astro';
import { localRunner, peerAddress } from '../../../server/instance';

export const prerender = false;

export const GET: APIRoute = (ctx) => localRunner().handleSession(ctx.request, { clientAddress: peerAddress(() => ctx.clientAddress) });
