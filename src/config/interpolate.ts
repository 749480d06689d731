/**
 * `${VAR}` substitution inside one scalar string:
 *   ${VAR}            the variable's value (error when unset)
 *   ${VAR:-default}   the default when VAR is unset or empty (shell semantics)
 *   ${VAR:?message}   error with `message` when VAR is unset or empty
 *   $${               a literal `${`
 */

export interface InterpolationProblem {
  /** Offset of the `${` in the input string. */
  offset: number;
  /** The reference as written, e.g. `${TOKEN}`: used to find its column in the source. */
  raw: string;
  code: 'missing_variable' | 'required_variable' | 'bad_variable';
  message: string;
  variable?: string;
}

export interface Interpolated {
  value: string;
  /** Whether any `${…}` was substituted (the value is then sensitive). */
  usedVariable: boolean;
  /** The variables referenced (each once): whether the value is sensitive depends on their declarations. */
  names: string[];
  /** Whether the whole string was exactly one `${…}` (its value may then be coerced to a boolean/number). */
  wholeVariable: boolean;
  problems: InterpolationProblem[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([\s\S]*))?$/;

export function interpolate(input: string, vars: ReadonlyMap<string, string>): Interpolated {
  if (!input.includes('${')) return { value: input, usedVariable: false, names: [], wholeVariable: false, problems: [] };
  let out = '';
  let used = false;
  let references = 0;
  const names = new Set<string>();
  const problems: InterpolationProblem[] = [];
  let i = 0;
  while (i < input.length) {
    if (input.startsWith('$${', i)) {
      out += '${';
      i += 3;
      continue;
    }
    if (!input.startsWith('${', i)) {
      out += input[i];
      i += 1;
      continue;
    }
    const close = input.indexOf('}', i + 2);
    if (close < 0) {
      problems.push({ offset: i, raw: input.slice(i), code: 'bad_variable', message: 'unclosed "${" (write "$${" for a literal "${")' });
      out += input.slice(i);
      break;
    }
    const raw = input.slice(i, close + 1);
    const body = input.slice(i + 2, close);
    const m = REFERENCE.exec(body);
    references += 1;
    used = true;
    if (!m) {
      problems.push({ offset: i, raw, code: 'bad_variable', message: `invalid variable reference "${raw}": use \${NAME}, \${NAME:-default} or \${NAME:?message}` });
    } else {
      const [, name, op, arg = ''] = m;
      names.add(name);
      const value = vars.get(name);
      const unsetOrEmpty = value === undefined || value === '';
      if (op === ':-') out += unsetOrEmpty ? arg : value;
      else if (op === ':?') {
        if (unsetOrEmpty) problems.push({ offset: i, raw, code: 'required_variable', variable: name, message: arg.trim() || `variable ${name} is required` });
        else out += value;
      } else if (value === undefined) {
        problems.push({ offset: i, raw, code: 'missing_variable', variable: name, message: `variable ${name} is not set (set it in the environment, a --var-file or --var ${name}=…)` });
      } else out += value;
    }
    i = close + 1;
  }
  const whole = references === 1 && /^\$\{[^}]*\}$/.test(input);
  return { value: out, usedVariable: used, names: [...names], wholeVariable: whole, problems };
}

export function isVariableName(name: string): boolean {
  return NAME.test(name);
}
