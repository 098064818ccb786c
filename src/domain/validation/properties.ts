import { accountNumberProblem, ibanProblem } from './bank';
import { birthDateProblem } from './dates';
import { emailProblem } from './email';
import { phoneProblem } from './phone';
import { textProblem, visibleTextProblem } from './text';

/**
 * What a rule needs to know besides the value: today's date, and the report's country for phones
 * (undefined when the country itself is refused, which leaves phones nothing to be read against).
 */
export type ValueContext = { country: string | undefined; today: string };

/** The properties whose values have a syntax of their own; every other property is checked as text. */
const PROPERTY_RULES: Readonly<Record<string, (value: string, ctx: ValueContext) => string | undefined>> = {
  phone: (value, ctx) => (ctx.country === undefined ? undefined : phoneProblem(value, ctx.country)),
  email: (value) => emailProblem(value),
  iban: (value) => ibanProblem(value),
  accountNumber: (value) => accountNumberProblem(value),
  birthDate: (value, ctx) => birthDateProblem(value, ctx.today),
};

/** Addresses are often written over several lines, in a form or a spreadsheet cell; every other value is one line. */
const MULTILINE_PROPERTIES: ReadonlySet<string> = new Set(['address', 'full', 'street']);

/** Why one value of a subject's property cannot be stored, or undefined when it can. */
export function propertyValueProblem(property: string, value: string, ctx: ValueContext): string | undefined {
  return (
    textProblem(value, { lines: MULTILINE_PROPERTIES.has(property) }) ??
    visibleTextProblem(value) ??
    PROPERTY_RULES[property]?.(value, ctx)
  );
}
