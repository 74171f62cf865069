// A real OAuth 2.1 authorization server for the gateway's tests: oidc-provider (a certified
// OpenID provider), issuing JWT access tokens (RFC 9068) by the client credentials grant for the
// resource a client names (RFC 8707 resource indicators).
// Usage: node authorization-server.mjs CONFIG_FILE
// CONFIG_FILE is JSON: {keys: [private JWKs to sign with], resource: the gateway's resource URI
// (the default when a client names none), clients: [{clientId, clientSecret, alg, claims}]}.
// Each client's tokens are signed with its alg (RS256 or ES256) and carry its claims besides the
// standard ones. Prints "listening on ISSUER" once it serves; the issuer is http://127.0.0.1:PORT.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const clientsById = new Map(config.clients.map((c) => [c.clientId, c]));

const provider = new Provider(issuer, {
  jwks: { keys: config.keys },
  clients: config.clients.map((c) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  scopes: ['mcp'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => config.resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resourceIndicator, client) => ({
        scope: 'mcp',
        audience: resourceIndicator,
        accessTokenTTL: 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: clientsById.get(client.clientId)?.alg ?? 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (ctx, token) => clientsById.get(token.clientId)?.claims,
});
provider.on('server_error', (ctx, error) => console.error('authorization server error:', error));
server.on('request', provider.callback());
console.log(`listening on ${issuer}`);
