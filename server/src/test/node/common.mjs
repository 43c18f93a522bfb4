// What every check reads from NodeChecksTest: the running server's base URL and a bearer token.
export const base = must('COLLECTIONS_URL');
export const token = must('COLLECTIONS_TOKEN');
export const graphqlUrl = `${base}/graphql`;

function must(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set (NodeChecksTest sets it)`);
    process.exit(2);
  }
  return value;
}

/** fetch with the bearer token added, as an authenticated client sends every request. */
export function authorizedFetch(input, init = {}) {
  const headers = new Headers(init.headers || {});
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

/** The last line of output, which NodeChecksTest reads: the check's numbers as JSON. */
export function report(result) {
  console.log(`RESULT ${JSON.stringify(result)}`);
}
