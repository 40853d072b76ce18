// Headers every page gets, in dev, preview and `npm start` alike.
// COOP + COEP make the page cross-origin isolated, which WebContainers require.
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export const securityHeaders = {
  ...isolationHeaders,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};
