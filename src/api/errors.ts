import { UserError } from '../errors.js';

/**
 * A failed API call. `status` 0 means no HTTP answer (network fault, timeout); then
 * `code` is `network_error`, `connection_refused` or `timeout`. The message names method, path, status,
 * SunCo code and title, so it reads well on its own.
 */
export class ApiError extends UserError {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: string; title: string; method: string; path: string; requestId?: string; cause?: unknown }) {
    const where = `${init.method} ${init.path}`;
    const what = init.status === 0 ? `${init.code}: ${init.title}` : `${init.status} ${init.code}: ${init.title}`;
    const rid = init.requestId ? ` (request id ${init.requestId})` : '';
    super(`${where} failed: ${what}${rid}`, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId;
  }
}
