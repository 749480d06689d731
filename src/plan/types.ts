/**
 * A plan is plain, serializable data (DESIGN.md, "Plans"). The planner produces it purely
 * from (desired, live); renderers print it; `--out` saves it; the applier executes `steps`
 * as they are. A plan never holds a secret value: write-only values appear as
 * SecretRef placeholders and are re-resolved from the config at apply time.
 */

import type { KindName } from '../resources/kind-name.js';

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'unmanaged';

export interface FieldDiff {
  /** API field name, dotted for nested values (settings.multiConvoEnabled, metadata.team). */
  field: string;
  /** Absent for creates, and for write-only values (unknown live value). */
  before?: unknown;
  /** Absent for deletes. For sensitive fields this is never the value: see `sensitive`. */
  after?: unknown;
  /** Shown as (sensitive): write-only fields, secrets and values from variables. */
  sensitive?: boolean;
  /** This field's change is why the resource is replaced. */
  forcesReplacement?: boolean;
}

/** What the plan shows: one entry per resource that changes, or is unmanaged. */
export interface Change {
  address: string;
  kind: KindName;
  action: ChangeAction;
  fields: FieldDiff[];
  /** For replace: names the field(s) that force it. For unmanaged: why it is listed. */
  reason?: string;
  /** The live object's id, when one exists. */
  liveId?: string;
}

/** In a step's path: `{{address}}` is replaced by that resource's id (live, or created earlier in the run). */
export type PathTemplate = string;

/** In a step's body: replaced by the id of the resource at `address`. */
export interface IdRef {
  $ref: string;
}

/** In a step's body: replaced by the config's value at `address#field` (a write-only value). */
export interface SecretRef {
  $secret: string;
}

/** Where, in a create's JSON response, to find an id or a generated secret. Dotted path, e.g. "integration.webhooks.0.id". */
export type ResponsePath = string;

export interface CreatedResource {
  address: string;
  idPath: ResponsePath;
  /** A secret the API generates and may never return again: saved to --secrets-out at once. */
  secretPath?: ResponsePath;
}

/**
 * How to find a resource whose create response was lost (timeout, reset, 5xx after commit):
 * list `listPath` (paginated, items under `itemsKey`) and adopt the single item whose
 * fields equal `match`. Two matches: fail rather than guess.
 */
export interface AdoptQuery {
  listPath: PathTemplate;
  itemsKey: string;
  match: Record<string, unknown>;
  /** Live ids that must not be adopted (e.g. the old object of a create-before-delete replace). */
  excludeIds?: string[];
}

/**
 * `bookkeeping` is the PATCH of an app's metadata that only records sunco's reserved keys
 * (bindings, fingerprints): never a change to a resource, never counted as one.
 */
export type StepOperation = 'create' | 'update' | 'delete' | 'link' | 'bookkeeping';

export interface Step {
  /** Unique within the plan, e.g. "app.support.integration.bot:create". */
  id: string;
  address: string;
  kind: KindName;
  /** `link` is the follow-up PATCH that closes a cycle the API forces (RESOURCES.md). */
  operation: StepOperation;
  method: 'POST' | 'PATCH' | 'DELETE';
  path: PathTemplate;
  /** JSON with IdRef / SecretRef placeholders. */
  body?: unknown;
  /** Step ids that must succeed first. */
  dependsOn: string[];
  /** Logical app name: its `credentials` are used for this call when the config gives them. */
  app: string;
  /** For creates: the resources the response creates (several for a custom integration's inline webhook). */
  creates?: CreatedResource[];
  /** For creates: how to adopt the resource if the response is lost. */
  adopt?: AdoptQuery;
}

/**
 * Something the plan says that is not a change of a resource:
 * - `bookkeeping`: sunco records bindings or fingerprints in these apps' metadata (one note per plan);
 * - `bindings-fallback`: an app's bindings do not fit in its 4 KB metadata, so it matches by natural keys;
 * - `sensitive-record-fallback`: the record of its fields fed by sensitive variables does not fit, so config-less commands would show them;
 * - `rename`: a create next to an unmanaged object it may be a rename of ("did you rename …?");
 * - `app-binding`: how an app was matched by (or could not use) its own binding;
 * - `secrets-file`: managed keys or webhooks whose secret the --secrets-out file lacks or holds under another id.
 */
export interface PlanNote {
  code: 'bookkeeping' | 'bindings-fallback' | 'sensitive-record-fallback' | 'rename' | 'app-binding' | 'secrets-file';
  /** The resource the note is about (for bookkeeping: the first app). */
  address: string;
  message: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  unmanaged: number;
}

export interface Plan {
  formatVersion: 1;
  summary: PlanSummary;
  /** In the order they are shown. */
  changes: Change[];
  /** In an order the applier can execute as is (a topological order of dependsOn). */
  steps: Step[];
  /** HTTP requests made to read live state. */
  requests: number;
  /** Ids of live resources the steps refer to, by address (resolves `{{address}}` / IdRef for existing resources). */
  liveIds: Record<string, string>;
  /** LoadedConfig.fingerprint of the config the plan was made from. */
  configFingerprint: string;
  /**
   * Hash of every live field read. Not a staleness test (that re-derives the steps, so an
   * unmanaged field's edit does not refuse a plan): it tells an edited file (same config, same
   * live state, other changes) from a live state that moved.
   */
  stateFingerprint: string;
  /** Notes that are not changes (PlanNote); optional for plan files written before they existed. */
  notes?: PlanNote[];
  /** `sunco-plan --secrets-out FILE` only: the file checked against the live objects (added by the CLI, not the planner). */
  secretsFile?: SecretsFileReport;
  /** What the plan was made with, so `sunco-apply PLANFILE` re-reads the same scope. */
  options: { prune: boolean; targets: string[] };
  /**
   * Plan files only: where the config (`-f`, default sunco.yaml) and the --var-file files were,
   * relative to the plan file's directory or absolute; never a value. `sunco-apply PLANFILE`
   * reads them when -f / --var-file are not given. Optional for older plan files.
   */
  inputs?: PlanInputs;
  /**
   * Plan files only: the API and the key id the plan was read with (never a secret), so that a
   * plan made against one account is not applied to another. Optional for older plan files.
   */
  target?: PlanTarget;
}

export interface PlanInputs {
  config: string;
  varFiles: string[];
  /**
   * Keyed hashes of the files' text (config/fingerprint.ts) when the plan was made: apply checks
   * them before parsing, so a recorded path edited to name another file (/proc/self/environ) is
   * refused without a line of it being shown.
   */
  digests: { config: string; varFiles: string[] };
}

export interface PlanTarget {
  /** The API base URL, or "in-process emulator" for --emulator. */
  api: string;
  keyId?: string;
}

/** Which managed keys and webhooks (addresses) the secrets file lacks, or holds under another id than the live one. */
export interface SecretsFileReport {
  /** The --secrets-out path as given. */
  path: string;
  exists: boolean;
  missing: string[];
  stale: string[];
}
