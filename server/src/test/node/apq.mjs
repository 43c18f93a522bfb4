// Apollo Client with its persisted-query link (SHA-256 from node's crypto) paging through the
// viewer's items: the hash alone first, PERSISTED_QUERY_NOT_FOUND, the query once, then the hash
// alone for every later page; once by POST and once with GET for hashed queries.
import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { authorizedFetch, graphqlUrl, report } from './common.mjs';

const PAGE = 2;
const ITEMS = gql`
  query ItemsPage($first: Int!, $after: String) {
    items(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id filename }
    }
  }
`;

async function pageThrough(useGETForHashedQueries) {
  const sent = { hashOnly: 0, withQuery: 0, get: 0, notFound: 0 };
  const countingFetch = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const method = (init.method || 'GET').toUpperCase();
    const body = method === 'POST' ? JSON.parse(init.body) : Object.fromEntries(url.searchParams);
    if (method === 'GET') sent.get += 1;
    if (body.query) sent.withQuery += 1; else sent.hashOnly += 1;
    const response = await authorizedFetch(input, init);
    const text = await response.clone().text();
    if (text.includes('PERSISTED_QUERY_NOT_FOUND')) sent.notFound += 1;
    return response;
  };
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      createPersistedQueryLink({
        sha256: (text) => createHash('sha256').update(text).digest('hex'),
        useGETForHashedQueries,
      }),
      new HttpLink({ uri: graphqlUrl, fetch: countingFetch }),
    ]),
  });
  const ids = [];
  let after = null;
  let total = -1;
  for (let page = 0; page < 100; page += 1) {
    const { data, error } = await client.query({ query: ITEMS, variables: { first: PAGE, after }, fetchPolicy: 'network-only' });
    if (error) throw error;
    total = data.items.totalCount;
    ids.push(...data.items.nodes.map((n) => n.id));
    if (!data.items.pageInfo.hasNextPage) break;
    after = data.items.pageInfo.endCursor;
  }
  return { ids: ids.length, distinct: new Set(ids).size, total, ...sent };
}

const post = await pageThrough(false);
const get = await pageThrough(true);
console.log('POST', JSON.stringify(post));
console.log('GET ', JSON.stringify(get));
report({ post, get });
const good = (r) => r.total > PAGE && r.ids === r.total && r.distinct === r.total && r.hashOnly > r.notFound
  && r.notFound <= 1 && r.withQuery <= 1;
process.exit(good(post) && good(get) && get.get > 0 ? 0 : 1);
