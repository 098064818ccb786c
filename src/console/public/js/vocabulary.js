/*
 * The words of the API (countries, schemas, properties per schema, roles, link types, lead statuses,
 * outcome kinds), read from the OpenAPI document the server generates from its zod schemas: the console
 * never keeps a second copy that could drift from what the API accepts.
 */
let doc;

async function openapi() {
  doc ??= fetch('/api/v1/openapi.json').then((r) => {
    if (!r.ok) throw new Error('the API description could not be read');
    return r.json();
  });
  return doc;
}

function resolve(d, schema) {
  if (!schema?.$ref) return schema;
  return schema.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node, k) => node?.[k], d);
}

export async function reportVocabulary() {
  const d = await openapi();
  const input = resolve(d, d.components.schemas.ReportInput);
  const subject = resolve(d, input.properties.subjects.items);
  const link = resolve(d, input.properties.links.items);
  const propertiesBySchema = {};
  for (const rule of subject.allOf ?? []) {
    propertiesBySchema[rule.if.properties.schema.const] = rule.then.properties.properties.propertyNames.enum;
  }
  return {
    countries: input.properties.country.enum,
    schemas: subject.properties.schema.enum,
    roles: subject.properties.role.enum,
    linkTypes: resolve(d, link.properties.type).enum,
    propertiesBySchema,
  };
}

/** What a partner bank may report it did with a subject. */
export async function outcomeKinds() {
  const d = await openapi();
  return resolve(d, d.components.schemas.OutcomeInput).properties.outcome.enum;
}

export async function leadStatuses() {
  const d = await openapi();
  return d.paths['/api/v1/leads'].get.parameters.find((p) => p.name === 'status').schema.enum;
}

/** "in_review" -> "in review", "RecruiterOrIntermediary" -> "Recruiter or intermediary". */
export function words(value) {
  const spaced = String(value)
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
