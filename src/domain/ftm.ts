import { z } from 'zod';

/**
 * The FollowTheMoney schemas and properties Lantern accepts from caseworkers. This table is the single
 * definition: the API's validation, its error messages, the CSV import columns and the export all read it.
 */
export const SUBJECT_SCHEMAS = ['Person', 'Company', 'Organization', 'BankAccount', 'UserAccount', 'Address'] as const;
export const SubjectSchema = z.enum(SUBJECT_SCHEMAS);
export type SubjectSchemaName = z.infer<typeof SubjectSchema>;

export const PROPERTIES_BY_SCHEMA: Readonly<Record<SubjectSchemaName, readonly string[]>> = {
  Person: [
    'name',
    'alias',
    'firstName',
    'lastName',
    'birthDate',
    'nationality',
    'country',
    'phone',
    'email',
    'address',
    'idNumber',
  ],
  Company: ['name', 'alias', 'registrationNumber', 'jurisdiction', 'country', 'phone', 'email', 'website', 'address'],
  Organization: [
    'name',
    'alias',
    'registrationNumber',
    'jurisdiction',
    'country',
    'phone',
    'email',
    'website',
    'address',
  ],
  BankAccount: ['accountNumber', 'iban', 'bic', 'bankName', 'country'],
  UserAccount: ['service', 'username', 'email', 'phone'],
  Address: ['full', 'street', 'city', 'postalCode', 'region', 'country'],
};

/**
 * Properties that can identify a subject on their own or with a name. A subject with none of them carries
 * nothing to match on (a bank name alone, a country alone) and is refused.
 */
export const IDENTIFYING_PROPERTIES: Readonly<Record<SubjectSchemaName, readonly string[]>> = {
  Person: ['name', 'alias', 'firstName', 'lastName', 'phone', 'email', 'idNumber'],
  Company: ['name', 'alias', 'registrationNumber', 'phone', 'email', 'website'],
  Organization: ['name', 'alias', 'registrationNumber', 'phone', 'email', 'website'],
  BankAccount: ['accountNumber', 'iban'],
  UserAccount: ['username', 'email', 'phone'],
  Address: ['full', 'street'],
};

/** HTCDS per_RoleInProcess values: the part a perpetrator played. */
export const ROLES = [
  'TravellingPartner',
  'Transporter',
  'RecruiterOrIntermediary',
  'BrokerTravelAgent',
  'TransferredIndividual',
  'HarbouredIndividual',
  'SoldIndividual',
  'BoughtIndividual',
  'ReceivedIndividual',
  'ControlledIndividual',
  'Smuggler',
  'Abuser',
  'Kidnapper',
  'Exploiter',
  'Other',
] as const;
export const Role = z.enum(ROLES);
export type RoleName = z.infer<typeof Role>;

/** A FollowTheMoney entity as bundles carry it: every property value an array of strings. */
export const FtmEntity = z.object({
  id: z.string(),
  schema: z.string(),
  properties: z.record(z.string(), z.array(z.string())),
});
export type FtmEntity = z.infer<typeof FtmEntity>;

/** FtM link schemas; `from` and `to` name the first and second FtM property of each. */
export const LINK_TYPES = ['Ownership', 'Directorship', 'Employment', 'Associate', 'UnknownLink'] as const;
export const LinkType = z.enum(LINK_TYPES);
export type LinkTypeName = z.infer<typeof LinkType>;

export const LINK_ENDS: Readonly<Record<LinkTypeName, { from: string; to: string }>> = {
  Ownership: { from: 'owner', to: 'asset' },
  Directorship: { from: 'director', to: 'organization' },
  Employment: { from: 'employer', to: 'employee' },
  Associate: { from: 'person', to: 'associate' },
  UnknownLink: { from: 'subject', to: 'object' },
};
