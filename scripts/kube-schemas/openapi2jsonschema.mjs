#!/usr/bin/env node
// Converts Kubernetes API schemas into standalone JSON schemas for kubeconform, in the layout of
// kubeconform's own schema registry: <out>/standalone[-strict]/<kind><kind-suffix>.json, where the
// suffix is what kubeconform computes from apiVersion ("-v1", "-apps-v1", "-smartchat-v1alpha1"),
// so that `-schema-location '<out>/standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json'`
// finds them. Called by scripts/kube-schemas.sh; no dependencies but js-yaml (for CRD files).
//
//   --openapi FILE   an OpenAPI v2 document (the API server's /openapi/v2): one schema per built-in
//                    kind (definitions named io.k8s.*; custom resources installed on that server are
//                    left out, their CRD files are converted with --crd instead)
//   --crd FILE       a YAML file with CustomResourceDefinitions: one schema per served version, from
//                    its openAPIV3Schema (metadata is checked as ObjectMeta when --openapi is given)
//   --out DIR        where standalone/ and standalone-strict/ are written
//
// Each schema is self-contained: the definitions it reaches are copied into its own `definitions`
// and referenced as #/definitions/<name> (recursive types such as JSONSchemaProps stay finite).
// What differs from the API server's own schema, and why:
//   - IntOrString accepts a string or an integer; Quantity a number or a quantity string (checked
//     with the API server's quantity grammar, so "128MB" is caught here and not at apply time).
//   - apiVersion and kind are pinned to the schema's group/version/kind.
//   - Time accepts null (tools write `creationTimestamp: null`); other fields do not accept null.
//   - strict variant: every object with declared properties gets additionalProperties: false
//     (what `kubectl --validate=strict` and the API server's field validation report), except
//     where a CRD says x-kubernetes-preserve-unknown-fields. The root is strict too.
// Schemas are draft-04 (kubeconform's default draft): no `const`, boolean exclusiveMinimum.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const INT_OR_STRING = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
const QUANTITY = { oneOf: [{ type: 'string', pattern: QUANTITY_PATTERN }, { type: 'number' }] };
const OVERRIDES = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { description: 'an integer or a string', ...INT_OR_STRING },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { description: 'a quantity: a number, or a string such as 500m, 128Mi, 1.5', ...QUANTITY },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { description: 'RFC 3339 date and time', type: ['string', 'null'], format: 'date-time' },
};
const DEF_PREFIX = '#/definitions/';

const { values: args } = parseArgs({
  options: { openapi: { type: 'string' }, crd: { type: 'string', multiple: true }, out: { type: 'string' } },
});
if (!args.out || (!args.openapi && !args.crd)) {
  console.error('usage: openapi2jsonschema.mjs --out DIR [--openapi openapi-v2.json] [--crd crd.yaml ...]');
  process.exit(2);
}

const clone = (v) => structuredClone(v);

/** Visit every sub-schema of a schema (not property names, not enum values or defaults). */
function forEachSubschema(schema, fn) {
  if (!schema || typeof schema !== 'object') return;
  for (const key of ['properties', 'patternProperties', 'definitions']) {
    if (schema[key] && typeof schema[key] === 'object') for (const sub of Object.values(schema[key])) fn(sub);
  }
  for (const key of ['additionalProperties', 'not', 'additionalItems']) {
    if (schema[key] && typeof schema[key] === 'object') fn(schema[key]);
  }
  if (Array.isArray(schema.items)) schema.items.forEach(fn);
  else if (schema.items && typeof schema.items === 'object') fn(schema.items);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[key])) schema[key].forEach(fn);
}

/** Kubernetes-specific keywords into JSON Schema ones, everywhere in a schema (in place). */
function normalise(schema) {
  if (!schema || typeof schema !== 'object') return;
  if (schema.format === 'int-or-string' || (schema['x-kubernetes-int-or-string'] === true && !schema.anyOf && !schema.oneOf)) {
    delete schema.type;
    delete schema.format;
    schema.oneOf = clone(INT_OR_STRING.oneOf);
  }
  if (schema.nullable === true && typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  delete schema.nullable;
  forEachSubschema(schema, normalise);
}

/** additionalProperties: false on every object schema that lists its properties (in place). */
function makeStrict(schema) {
  if (!schema || typeof schema !== 'object') return;
  if (schema.properties && !('additionalProperties' in schema) && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    schema.additionalProperties = false;
  }
  forEachSubschema(schema, makeStrict);
}

/** Names of the definitions a schema refers to, transitively. */
function reachable(schema, definitions) {
  const seen = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith(DEF_PREFIX)) {
      const name = ref.slice(DEF_PREFIX.length);
      if (!definitions[name]) throw new Error(`unresolved $ref ${ref}`);
      if (!seen.has(name)) {
        seen.add(name);
        visit(definitions[name]);
      }
    }
    forEachSubschema(node, visit);
  };
  visit(schema);
  return [...seen].sort();
}

/** kubeconform's file name for a kind: {{ .ResourceKind }}{{ .KindSuffix }}.json */
function fileName(group, version, kind) {
  const suffix = group ? `-${group.split('.')[0]}-${version}` : `-${version}`;
  return `${kind}${suffix}.json`.toLowerCase();
}

function pinTypeMeta(schema, group, version, kind) {
  const apiVersion = group ? `${group}/${version}` : version;
  schema.properties ??= {};
  schema.properties.apiVersion = { ...(schema.properties.apiVersion ?? { type: 'string' }), enum: [apiVersion] };
  schema.properties.kind = { ...(schema.properties.kind ?? { type: 'string' }), enum: [kind] };
}

const written = new Map(); // file name -> what it was generated from, to refuse collisions
function write(name, source, schema) {
  const previous = written.get(name);
  if (previous && previous !== source) throw new Error(`${name} would be written for both ${previous} and ${source}`);
  written.set(name, source);
  for (const [dir, strict] of [['standalone', false], ['standalone-strict', true]]) {
    const out = clone(schema);
    if (strict) makeStrict(out);
    mkdirSync(join(args.out, dir), { recursive: true });
    writeFileSync(join(args.out, dir, name), `${JSON.stringify(out, null, 1)}\n`);
  }
}

let builtinDefinitions;
if (args.openapi) {
  const doc = JSON.parse(readFileSync(args.openapi, 'utf8'));
  if (doc.swagger !== '2.0' || !doc.definitions) throw new Error(`${args.openapi} is not an OpenAPI v2 document (expected the API server's /openapi/v2)`);
  builtinDefinitions = {};
  for (const [name, def] of Object.entries(doc.definitions)) {
    if (!name.startsWith('io.k8s.')) continue; // custom resources installed on that server
    const schema = clone(OVERRIDES[name] ?? def);
    normalise(schema);
    builtinDefinitions[name] = schema;
  }
}

let count = 0;
if (args.openapi && !args.crd) {
  for (const [name, def] of Object.entries(builtinDefinitions)) {
    for (const { group, version, kind } of def['x-kubernetes-group-version-kind'] ?? []) {
      const schema = clone(def);
      delete schema['x-kubernetes-group-version-kind'];
      pinTypeMeta(schema, group, version, kind);
      const refs = reachable(schema, builtinDefinitions);
      if (refs.length > 0) schema.definitions = Object.fromEntries(refs.map((r) => [r, builtinDefinitions[r]]));
      write(fileName(group, version, kind), name, schema);
      count++;
    }
  }
}

if (args.crd) {
  // js-yaml as the operator workspace resolves it (a dependency it declares).
  const require = createRequire(new URL('../../operator/package.json', import.meta.url));
  const yaml = require('js-yaml');
  for (const file of args.crd) {
    for (const crd of yaml.loadAll(readFileSync(file, 'utf8'))) {
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      const { group, names } = crd.spec;
      for (const v of crd.spec.versions ?? []) {
        if (!v.served || !v.schema?.openAPIV3Schema) continue;
        const schema = clone(v.schema.openAPIV3Schema);
        normalise(schema);
        pinTypeMeta(schema, group, v.name, names.kind);
        if (builtinDefinitions) {
          // The API server checks metadata as ObjectMeta whatever the CRD says about it.
          schema.properties.metadata = { $ref: `${DEF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` };
          const refs = reachable(schema, builtinDefinitions);
          schema.definitions = Object.fromEntries(refs.map((r) => [r, builtinDefinitions[r]]));
        }
        write(fileName(group, v.name, names.kind), `${file} ${names.kind} ${v.name}`, schema);
        count++;
      }
    }
  }
}

console.log(`wrote ${count} schemas (x2: standalone, standalone-strict) to ${args.out}`);
