/**
 * The CRUD shell that the provisioning collections share: list, create, get, update and
 * delete with the same steps in the same order (find the parent, which answers its own
 * documented 404; read and validate the body; change the store; answer with the item under
 * its response key). A collection gives the parts that differ; a verb it leaves out has no
 * route (app keys have no PATCH, switchboard integrations no GET of one).
 */
import { paginate } from '../paginate.js';
import type { EmuRequest, EmuResult, Route, Scope } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { linkBase, objectBody } from './lookup.js';
import { validateRequest } from './validate.js';

type Params = Record<string, string>;
type Verb = 'list' | 'create' | 'get' | 'update' | 'delete';

export interface Collection<P, R extends { id: string }> {
  /** The collection's path; one item is `${path}/:${idParam}`. */
  path: string;
  idParam: string;
  scopes: Scope[];
  /** Where a verb's scopes differ from `scopes` (the spec's authorization table). */
  verbScopes?: Partial<Record<Verb, Scope[]>>;
  /** Response keys: `{ [one]: item }` and `{ [many]: items }`. */
  one: string;
  many: string;
  /** The parent the items live in (its finder throws the parent's 404). */
  parent: (params: Params) => P;
  /** The parent's live array of items. */
  items: (parent: P) => R[];
  /** One item by id; throws the item's documented 404. */
  find: (parent: P, id: string) => R;
  render: (item: R, parent: P) => unknown;
  /** The list is paginated (page[after], page[before], page[size]: meta and links). */
  paginated?: boolean;
  /** Narrows the list by query parameters (e.g. filter[types]). */
  filter?: (items: R[], query: URLSearchParams) => R[];
  /** Create: the request schema to check the body with, then the new item (rules first). */
  create?: { operationId?: string; make: (parent: P, body: Record<string, unknown>) => R };
  /** Update: the request schema, then the changes (rules first). */
  update?: { operationId?: string; apply: (parent: P, item: R, body: Record<string, unknown>) => void };
  /** Delete: rules that refuse it and what goes with the item, before it is removed. */
  remove?: (parent: P, item: R) => void;
  /** GET of one item (default: exists). */
  gettable?: boolean;
}

/** The routes of one collection, in the order list, create, get, update, delete. */
export function crudRoutes<P, R extends { id: string }>(store: EmulatorStore, c: Collection<P, R>): Route[] {
  const item = `${c.path}/:${c.idParam}`;
  const scopes = (verb: Verb) => c.verbScopes?.[verb] ?? c.scopes;
  const found = (req: EmuRequest) => {
    const p = c.parent(req.params);
    return { p, r: c.find(p, req.params[c.idParam] ?? '') };
  };
  const done = (status: number, body: unknown): EmuResult => {
    store.touch();
    return { status, body };
  };
  const routes: Route[] = [
    {
      method: 'GET',
      pattern: c.path,
      scopes: scopes('list'),
      handler: (req) => {
        const p = c.parent(req.params);
        const all = c.filter ? c.filter(c.items(p), req.query) : c.items(p);
        if (!c.paginated) return { status: 200, body: { [c.many]: all.map((r) => c.render(r, p)) } };
        const page = paginate(all, req.query, linkBase(req.baseUrl, req.path, req.query));
        return { status: 200, body: { [c.many]: page.items.map((r) => c.render(r, p)), meta: page.meta, links: page.links } };
      },
    },
  ];
  const create = c.create;
  if (create) {
    routes.push({
      method: 'POST',
      pattern: c.path,
      scopes: scopes('create'),
      mutates: true,
      handler: (req) => {
        const p = c.parent(req.params);
        const body = objectBody(req.body);
        if (create.operationId) validateRequest(create.operationId, body);
        const r = create.make(p, body);
        c.items(p).push(r);
        return done(201, { [c.one]: c.render(r, p) });
      },
    });
  }
  if (c.gettable !== false) {
    routes.push({
      method: 'GET',
      pattern: item,
      scopes: scopes('get'),
      handler: (req) => {
        const { p, r } = found(req);
        return { status: 200, body: { [c.one]: c.render(r, p) } };
      },
    });
  }
  const update = c.update;
  if (update) {
    routes.push({
      method: 'PATCH',
      pattern: item,
      scopes: scopes('update'),
      mutates: true,
      handler: (req) => {
        const { p, r } = found(req);
        const body = objectBody(req.body);
        if (update.operationId) validateRequest(update.operationId, body);
        update.apply(p, r, body);
        return done(200, { [c.one]: c.render(r, p) });
      },
    });
  }
  routes.push({
    method: 'DELETE',
    pattern: item,
    scopes: scopes('delete'),
    mutates: true,
    handler: (req) => {
      const { p, r } = found(req);
      c.remove?.(p, r);
      const list = c.items(p);
      list.splice(list.indexOf(r), 1);
      return done(200, {});
    },
  });
  return routes;
}
