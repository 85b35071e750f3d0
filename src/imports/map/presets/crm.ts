/**
 * CRM exports: Salesforce reports (Contacts & Accounts, Leads) and HubSpot's contacts export. Both
 * systems export the columns of the chosen view or report, so these are the default columns and
 * the signatures are the ones nearly every export keeps.
 */
import type { SourcePreset } from './types.ts';

export const salesforceContacts: SourcePreset = {
  system: 'salesforce',
  label: 'Salesforce — Contacts & Accounts report',
  entity: 'customers',
  headers: [
    'Salutation',
    'First Name',
    'Last Name',
    'Title',
    'Mailing Street',
    'Mailing City',
    'Mailing State/Province',
    'Mailing Zip/Postal Code',
    'Mailing Country',
    'Phone',
    'Mobile',
    'Fax',
    'Email',
    'Account Owner',
    'Account Name',
  ],
  mapping: {
    Salutation: null,
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Title: null,
    'Mailing Street': 'street',
    'Mailing City': 'city',
    'Mailing State/Province': 'region',
    'Mailing Zip/Postal Code': 'postal_code',
    'Mailing Country': 'country',
    Phone: null,
    Mobile: 'phone',
    Fax: null,
    Email: 'email',
    'Account Owner': null,
    'Contact Owner': null,
    'Account Name': 'company',
    'Lead Source': null,
    Description: 'notes',
  },
  notes:
    'Mobile is the phone; the business "Phone" is the pipeline\'s fallback. "Title" is the job title. Report ' +
    'exports can end with a few lines of report details (filters, totals) below the data.',
  rowShape: 'one-per-record',
  signature: [
    'First Name',
    'Last Name',
    'Mailing Street',
    'Mailing City',
    'Mailing State/Province',
    'Mailing Zip/Postal Code',
    'Mailing Country',
    'Email',
    'Account Name',
  ],
  evidence: {
    status: 'confirmed',
    source:
      'Expected header of a public Salesforce contact-report importer; the same field labels (Mailing State/' +
      "Province, Mailing Zip/Postal Code) in Salesforce's Contact object field list.",
  },
};

export const salesforceLeads: SourcePreset = {
  system: 'salesforce',
  label: 'Salesforce — Leads report',
  entity: 'leads',
  headers: [
    'Lead Owner',
    'First Name',
    'Last Name',
    'Title',
    'Company / Account',
    'Lead Source',
    'Lead Status',
    'Rating',
    'Street',
    'City',
    'Country',
    'Phone',
    'Mobile',
    'Email',
    'Create Date',
  ],
  mapping: {
    'Lead Owner': null,
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Title: null,
    'Company / Account': 'company',
    Company: 'company',
    'Lead Source': 'source',
    'Lead Status': 'status',
    Rating: null,
    Street: null,
    City: null,
    Country: null,
    Phone: null,
    Mobile: 'phone',
    Email: 'email',
    'Create Date': null,
    'Campaign Name': 'campaign',
  },
  notes:
    'Rating is Hot/Warm/Cold, not a number, so it is not the score. Leads have no address field in Kiungo; the ' +
    'address columns are left out.',
  rowShape: 'one-per-record',
  signature: ['Lead Owner', 'First Name', 'Last Name', 'Company / Account', 'Lead Source', 'Email'],
  evidence: {
    status: 'partial',
    source:
      'Lead Owner, First Name, Last Name, Title, Company / Account, Lead Source, Rating, Street, Email from the ' +
      'expected header of a public Salesforce lead-report importer; Lead Status, City, Country, Phone, Mobile and ' +
      'Create Date are standard Lead report columns added as best guesses.',
  },
};

export const hubspotContacts: SourcePreset = {
  system: 'hubspot',
  label: 'HubSpot — contacts export',
  entity: 'leads',
  headers: [
    'Record ID',
    'First Name',
    'Last Name',
    'Email',
    'Phone Number',
    'Company Name',
    'Job Title',
    'Lifecycle Stage',
    'Lead Status',
    'Contact owner',
    'Original Source',
    'Create Date',
    'City',
    'Country/Region',
  ],
  mapping: {
    'Record ID': null,
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Email: 'email',
    'Phone Number': 'phone',
    'Mobile Phone Number': null,
    'Company Name': 'company',
    'Associated Company': null,
    'Job Title': null,
    'Lifecycle Stage': null,
    'Lead Status': 'status',
    'Contact owner': null,
    'Original Source': 'source',
    'Create Date': null,
    'Last Activity Date': null,
    City: null,
    'State/Region': null,
    'Country/Region': null,
    'Marketing contact status': null,
    'HubSpot Score': 'score',
  },
  notes:
    'Exported columns are the view\'s; "Record ID" is always first. Lead Status values are HubSpot codes (NEW, ' +
    'OPEN, IN_PROGRESS…). Import as customers instead by choosing the entity; the preset then does not apply.',
  rowShape: 'one-per-record',
  dateOrder: 'ymd',
  signature: ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number'],
  evidence: {
    status: 'confirmed',
    source:
      'Several public importers and fixtures of HubSpot contact exports ("Record ID,First Name,Last Name,Email,' +
      'Phone Number,…" with Lead Status, Create Date, Contact owner, Original Source, Country/Region).',
  },
};
