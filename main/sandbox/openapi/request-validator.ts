import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Checks an HTTP request against an OpenAPI 3.0 description with ajv: the path and method must be
 * an operation, path/query/header parameters must match their schemas (required ones present, no
 * query parameter the operation does not declare), the security requirement must be met by the
 * Authorization header, and a JSON body must match the request body schema.
 *
 * Two readings of OpenAPI 3.0 are deliberate and documented in main/sandbox/README.md:
 * - `oneOf` is checked as `anyOf`. The official Confluence v2 document declares the page body as
 *   oneOf two object schemas that both accept any object, so a literal oneOf would reject every
 *   valid request; Atlassian's servers accept them.
 * - `format` is not checked (the Smartsheet and Confluence documents use formats such as "string"
 *   and "int32" that are not JSON Schema formats); types, enums, required and structure are.
 */
export interface RequestToCheck {
  method: string;
  /** The path below the server's base path, e.g. /sheets/123/rows. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
}

interface Operation {
  template: string;
  regex: RegExp;
  names: string[];
  method: string;
  op: Record<string, unknown>;
  pathParams: Param[];
  pointer: string;
}

interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
}

type Json = Record<string, unknown>;

function anyOfForOneOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anyOfForOneOf);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) out[k === 'oneOf' ? 'anyOf' : k] = anyOfForOneOf(v);
    return out;
  }
  return node;
}

/** A schema lifted out of the document: its local references now point into the added "spec". */
function intoSpec(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(intoSpec);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `spec${v}` : intoSpec(v);
    return out;
  }
  return node;
}

const escapePointer = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));

export class OpenApiRequestValidator {
  private readonly spec: Json;
  private readonly bodies = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  private readonly params = new Ajv({ strict: false, validateFormats: false, allErrors: true, coerceTypes: 'array' });
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: object, readonly name: string) {
    this.spec = anyOfForOneOf(spec) as Json;
    this.bodies.addSchema(this.spec, 'spec');
    this.params.addSchema(this.spec, 'spec');
    const paths = this.spec.paths as Record<string, Json>;
    for (const [template, item] of Object.entries(paths)) {
      const names: string[] = [];
      const regex = new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, n: string) => {
          names.push(n);
          return '([^/]+)';
        })}$`,
      );
      const pathParams = ((item.parameters as Param[] | undefined) ?? []).map((p) => this.deref(p) as Param);
      for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
        if (!item[method]) continue;
        this.operations.push({ template, regex, names, method, op: item[method] as Json, pathParams, pointer: `spec#/paths/${escapePointer(template)}/${method}` });
      }
    }
  }

  private deref(node: unknown): unknown {
    if (node && typeof node === 'object' && typeof (node as Json).$ref === 'string') {
      const ref = (node as Json).$ref as string;
      const parts = ref.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      let at: unknown = this.spec;
      for (const p of parts) at = (at as Json)?.[p];
      return this.deref(at);
    }
    return node;
  }

  private compile(ajv: Ajv, key: string, schema: object): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = ajv.compile(schema);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** The reasons the request does not match the description; empty when it does. */
  check(request: RequestToCheck): string[] {
    const method = request.method.toLowerCase();
    const matching = this.operations.filter((o) => o.regex.test(request.path));
    if (matching.length === 0) return [`${request.method} ${request.path} is not an operation of the ${this.name} API description.`];
    const operation = matching.find((o) => o.method === method);
    if (!operation) return [`${request.path} does not take ${request.method} in the ${this.name} API description (it takes ${matching.map((o) => o.method.toUpperCase()).join(', ')}).`];
    const problems: string[] = [];
    const values = operation.regex.exec(request.path)!.slice(1).map(decodeURIComponent);
    const declared = [...operation.pathParams, ...(((operation.op.parameters as Param[] | undefined) ?? []).map((p) => this.deref(p) as Param))];
    const byKey = new Map(declared.map((p) => [`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p]));
    const check = (p: Param, value: unknown, where: string) => {
      if (!p.schema) return;
      const fn = this.compile(this.params, `${operation.pointer}:${p.in}:${p.name}`, { type: 'object', properties: { v: intoSpec(p.schema) }, required: ['v'] });
      const holder = { v: value };
      if (!fn(holder)) problems.push(`${where} "${p.name}" ${fn.errors?.map((e) => e.message).join('; ')}.`);
    };
    operation.names.forEach((n, i) => {
      const p = byKey.get(`path:${n}`);
      if (p) check(p, values[i], 'Path parameter');
    });
    for (const key of new Set(request.query.keys())) {
      const p = byKey.get(`query:${key}`);
      if (!p) {
        problems.push(`Query parameter "${key}" is not declared for ${operation.method.toUpperCase()} ${operation.template}.`);
        continue;
      }
      const all = request.query.getAll(key);
      check(p, all.length === 1 ? all[0] : all, 'Query parameter');
    }
    for (const p of declared) {
      if (p.in === 'query' && p.required && !request.query.has(p.name)) problems.push(`Query parameter "${p.name}" is required.`);
      if (p.in === 'header') {
        const value = request.headers[p.name.toLowerCase()];
        if (value === undefined) {
          if (p.required) problems.push(`Header "${p.name}" is required.`);
        } else if (p.name.toLowerCase() !== 'content-type') check(p, value, 'Header');
      }
    }
    problems.push(...this.checkSecurity(operation, request.headers.authorization));
    const requestBody = this.deref(operation.op.requestBody) as Json | undefined;
    if (requestBody) {
      if (request.body === undefined) {
        if (requestBody.required) problems.push('The request body is required.');
      } else {
        const contentType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const content = requestBody.content as Record<string, { schema?: unknown }>;
        const media = content[contentType];
        if (!media) problems.push(`Content-Type "${contentType || '(none)'}" is not one the operation accepts (${Object.keys(content).join(', ')}).`);
        else if (media.schema) {
          const fn = this.compile(this.bodies, `${operation.pointer}:body:${contentType}`, { $ref: bodyPointer(operation, contentType) });
          if (!fn(request.body)) problems.push(...(fn.errors ?? []).slice(0, 5).map((e) => `Body${e.instancePath || ''} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}.`));
        }
      }
    } else if (request.body !== undefined && ['get', 'delete'].includes(method)) {
      problems.push(`${request.method} ${operation.template} takes no body.`);
    }
    return problems;
  }

  private checkSecurity(operation: Operation, authorization: string | string[] | undefined): string[] {
    const requirements = (operation.op.security ?? this.spec.security) as Array<Record<string, string[]>> | undefined;
    if (!requirements || requirements.length === 0) return [];
    const schemes = ((this.spec.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, { type: string; scheme?: string }>;
    const auth = typeof authorization === 'string' ? authorization : '';
    const met = requirements.some((req) =>
      Object.keys(req).every((name) => {
        const s = schemes[name];
        if (!s) return false;
        if (s.type === 'http' && s.scheme?.toLowerCase() === 'basic') return /^Basic [A-Za-z0-9+/=]+$/.test(auth);
        if (s.type === 'http' && s.scheme?.toLowerCase() === 'bearer') return /^Bearer \S+$/.test(auth);
        if (s.type === 'oauth2') return /^Bearer \S+$/.test(auth);
        return false;
      }),
    );
    return met ? [] : [`The Authorization header does not meet the operation's security (${requirements.map((r) => Object.keys(r).join('+')).join(' or ')}).`];
  }
}

/** Where the body schema is in the document, as an ajv reference into the added "spec" schema. */
function bodyPointer(operation: Operation, contentType: string): string {
  const rb = operation.op.requestBody as Json;
  const base = typeof rb.$ref === 'string' ? `spec${rb.$ref.split('/').map((s, i) => (i === 0 ? s : escapePointer(s.replace(/~1/g, '/').replace(/~0/g, '~')))).join('/')}` : `${operation.pointer}/requestBody`;
  return `${base}/content/${escapePointer(contentType)}/schema`;
}
