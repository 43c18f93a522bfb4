// graphql-js's own introspection query, its buildClientSchema, and graphql-inspector's diff of
// the contract (schema.graphqls) against the served schema: no breaking change.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery } from 'graphql';
import { authorizedFetch, graphqlUrl, report, token } from './common.mjs';

const schemaFile = process.env.SCHEMA_FILE;
const response = await authorizedFetch(graphqlUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }) }),
});
const result = await response.json();
if (response.status !== 200 || result.errors) {
  console.log(`introspection answered ${response.status}: ${JSON.stringify(result.errors)}`);
  report({ introspection: false });
  process.exit(1);
}
const served = buildClientSchema(result.data);
const contract = buildSchema(readFileSync(schemaFile, 'utf8'));
const queryFields = Object.keys(served.getQueryType().getFields());
const typesMissing = Object.keys(contract.getTypeMap()).filter((t) => !served.getType(t));

let inspector = 'ok';
try {
  const out = execFileSync(new URL('./node_modules/.bin/graphql-inspector', import.meta.url).pathname,
    ['diff', schemaFile, graphqlUrl, '--header', `Authorization: Bearer ${token}`], { encoding: 'utf8' });
  console.log(out);
} catch (e) {
  inspector = 'breaking';
  console.log(e.stdout, e.stderr);
}
const summary = { introspection: true, types: Object.keys(served.getTypeMap()).length, queryFields, typesMissing, inspector };
console.log(JSON.stringify(summary));
report(summary);
process.exit(queryFields.includes('search') && typesMissing.length === 0 && inspector === 'ok' ? 0 : 1);
