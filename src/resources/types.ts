/**
 * The one interface every managed resource kind implements (DESIGN.md, "One resource kind,
 * one module"). The planner, the state reader and the plan steps only go through it, so
 * adding a kind is one module plus one registry line.
 */
import type { FieldSpec } from './fields.js';
import type { KindName } from './kind-name.js';

export type { KindName } from './kind-name.js';

export type Raw = Record<string, unknown>;

/** A declared entry, placed in the tree of addresses. */
export interface DesiredNode {
  kind: KindName;
  address: string;
  /** Logical name (the map key); '' for the switchboard, which is one per app. */
  name: string;
  /** Logical app name. */
  app: string;
  parent?: DesiredNode;
  /** The config entry as loaded (variables resolved). */
  entry: Raw;
  children: DesiredNode[];
}

/** A live object as read from the API. */
export interface LiveNode {
  kind: KindName;
  id: string;
  raw: Raw;
  /** Children by kind. A kind missing here was not read (e.g. app keys with app-scoped credentials). */
  children: Partial<Record<KindName, LiveNode[]>>;
}

/** Maps live ids (and a few read shapes) back to the addresses they were matched to. */
export interface RefContext {
  /** The address of the live object with this id, when it is matched to a declared entry. */
  addressOfId(id: string): string | undefined;
  /** The live id of the switchboard integration with this API `name` in the same app. */
  switchboardIntegrationIdByName(name: string): string | undefined;
}

/** An id reference in normalized values and step bodies (same shape as the plan's IdRef). */
export interface Ref {
  $ref: string;
}

/** A problem with a declared entry, placed at `field` (the entry itself when absent). */
export interface EntryIssue {
  field?: string;
  /** Point at the key (`enabled:`) rather than its value. */
  onKey: boolean;
  code: string;
  message: string;
  hint?: string;
}

export interface ResourceKind {
  name: KindName;
  /** Address segment: `integration` in app.support.integration.bot ('' for the app itself). */
  segment: string;
  parent?: KindName;
  /** Child kinds, in the order they are planned. */
  children: KindName[];
  /**
   * Only account credentials (act_, svc_ keys) may list or manage it: app keys (RESOURCES.md
   * "Scopes"). With app-scoped credentials it is neither read nor declarable.
   */
  accountScopeOnly?: boolean;
  /** At most one per parent (switchboard): no logical name in the address. */
  singleton?: boolean;
  /** Whether a live object of this kind can have children worth listing (only custom integrations have webhooks and keys). */
  listsChildren?(raw: Raw): boolean;
  /** Property of the list response that holds the items (spec: *ListResponse). */
  itemsKey: string;
  /** Property of the create response that holds the object (spec: *Response). */
  responseKey: string;
  /** Whether the list endpoint is cursor-paginated (spec: has `meta`). */
  paginated: boolean;
  /** Path segment under the parent's item path, e.g. `integrations`. */
  collection: string;
  /**
   * Where its entries sit in the parent's config entry: a map by logical name
   * (`integrations`), or the one entry of a singleton (`switchboard`); `apps` for the root.
   * Addresses and config paths are derived from this and `segment` (addresses.ts).
   */
  configKey: string;
  /** What the kind is called in messages, e.g. `switchboard integration`. */
  noun: string;
  /**
   * Its rows of the field table (fields.ts), per integration type for integrations (every
   * type's rows when `obj` has no known type).
   */
  rows(obj?: Raw): readonly FieldSpec[];
  /**
   * The config ↔ API name map, in both directions: `apiName('next')` is
   * `nextSwitchboardIntegrationId` and `configName('nextSwitchboardIntegrationId')` is `next`
   * (the references: defaultResponder, integration, next, default). Every other name is the
   * same on both sides and comes back unchanged. The planner maps `ignoreChanges` with
   * apiName; export and the renderers map API names back with configName.
   */
  apiName(configField: string): string;
  configName(apiField: string): string;
  /** Natural key (DESIGN.md "Identity"): a desired entry and a live object match when these are equal. */
  naturalKey(obj: Raw): Record<string, unknown>;
  /**
   * The natural-key field a rename changes (displayName, target, name). A create and an
   * unmanaged object whose natural keys differ only in it may be one object renamed: the
   * plan asks "did you rename …?" (src/plan/rename-notes.ts).
   */
  renameField?: string;
  /** Field rules as the planner compares them (planSpecs of the rows, per integration type). */
  fieldSpecs(obj: Raw): FieldSpec[];
  /** Desired fields in write shape (references as Ref to addresses), only those the entry declares. */
  desired(node: DesiredNode): Raw;
  /** Live fields in write shape: defaults filled, read-only dropped, ids mapped to Ref addresses. */
  live(raw: Raw, ctx: RefContext): Raw;
  /** Fields held back from the create and set by a `link` PATCH after it (RESOURCES.md ordering rules). */
  linkFields: string[];
  /** Fields compared as sets (order carries no meaning). */
  setFields: string[];
  /**
   * Flat maps of user values (app metadata) sent key by key: each value is its own
   * `$secret` placeholder when sensitive, so sunco's reserved keys can be added beside them
   * (a placeholder for the whole map could not take them: issue 13's lost metadata).
   */
  keyedFields?: string[];
  /** Fields whose update body is a merge per key (app settings) rather than a replacement. */
  mergeFields?: string[];
  /** No update endpoint: every change forces replacement (keys). */
  immutable?: boolean;
  /** The create takes no body (switchboard: spec CreateSwitchboard). */
  emptyCreate?: boolean;
  /** Declaration problems only the kind can see (e.g. a field the type does not have), refused by the planner. */
  check?(node: DesiredNode): string[];
  /** Rules of the config language on this kind's entries, refused by `sunco validate` (config/references.ts) at their field. */
  validate?(node: DesiredNode): EntryIssue[];
  /**
   * Changes the API cannot undo, refused at plan time (DESIGN.md "Plans"): one message per
   * field of `diffs` (dotted API names, before → after) that would reverse a one-way setting.
   */
  irreversible?(diffs: readonly { field: string; before?: unknown; after?: unknown }[]): string[];
  /** Adds to an update body what a wholesale replacement must keep (app: the reserved metadata key). */
  keepOnUpdate?(body: Raw, liveRaw: Raw): void;
  /** A short human label of a live object, for unmanaged listings. */
  label(raw: Raw): string;
  /** A secret the create response returns (once): field of the created object (the row marked `generated`). */
  generatedSecret?(fields: Raw): string | undefined;
  /** How to get a new generated secret when the one from the create response was lost. */
  lostSecretHint?: string;
  /**
   * A child created inline with this resource's create (custom integration: exactly one
   * webhook in `webhooks`, spec IntegrationCreate / custom). The others use their own endpoint.
   */
  inlineChild?(fields: Raw): { kind: KindName; field: string } | undefined;
}
