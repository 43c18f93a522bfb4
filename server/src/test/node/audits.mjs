// graphql-http's server audits (the GraphQL-over-HTTP spec's own suite) against the running
// server, with a bearer token. Exits non-zero on any error or warning.
import { serverAudits } from 'graphql-http';
import { authorizedFetch, graphqlUrl, report } from './common.mjs';

const results = await Promise.all(serverAudits({ url: graphqlUrl, fetchFn: authorizedFetch }).map((audit) => audit.fn()));
const counts = { total: results.length, ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    let body = '';
    try {
      body = result.response ? await result.response.text() : '';
    } catch {
      // The body was read by the audit already.
    }
    console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason} ${body.slice(0, 200)}`);
  }
}
console.log(`graphql-http audits: ${counts.total} run, ${counts.ok} ok, ${counts.notice} notice, ${counts.warn} warn, ${counts.error} error`);
report(counts);
process.exit(counts.error === 0 && counts.warn === 0 ? 0 : 1);
