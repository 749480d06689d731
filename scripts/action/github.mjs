/**
 * The pull-request comment of one environment, through the GitHub REST API with the
 * workflow's token: find the comment whose body holds this environment's marker
 * (`<!-- sunco-plan:ENV -->`), update it in place, or create it. The base URL comes from
 * GITHUB_API_URL (GitHub Enterprise Server sets it; tests point it at a local fake).
 * https://docs.github.com/en/rest/issues/comments
 */

const PER_PAGE = 100;

/** A small client: JSON in and out, the token in the Authorization header (never printed). */
export function githubClient({ apiUrl, token, fetchImpl = globalThis.fetch }) {
  const base = (apiUrl || 'https://api.github.com').replace(/\/+$/, '');
  return async function call(method, path, body) {
    const res = await fetchImpl(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'sunco-action',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`GitHub API ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return text === '' ? undefined : JSON.parse(text);
  };
}

/** Every comment of the pull request, page by page (the API returns at most 100 per page). */
async function listComments(call, repo, issue) {
  const all = [];
  for (let page = 1; ; page++) {
    const batch = await call('GET', `/repos/${repo}/issues/${issue}/comments?per_page=${PER_PAGE}&page=${page}`);
    all.push(...batch);
    if (batch.length < PER_PAGE) return all;
  }
}

/**
 * Create or update this environment's comment. Returns what was done and the comment id.
 * Only a comment that starts with the marker counts, so a human quoting it is left alone.
 */
export async function upsertComment(call, { repo, issue, marker, body }) {
  const comments = await listComments(call, repo, issue);
  const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
  if (mine) {
    if (mine.body === body) return { action: 'unchanged', id: mine.id };
    await call('PATCH', `/repos/${repo}/issues/comments/${mine.id}`, { body });
    return { action: 'updated', id: mine.id };
  }
  const created = await call('POST', `/repos/${repo}/issues/${issue}/comments`, { body });
  return { action: 'created', id: created.id };
}
