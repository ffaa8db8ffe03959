import { describe, expect, test } from 'vitest';
import { toCreateBody, toUpdateBody, valuesOf, type PermitValues } from './PermitForm';

const values: PermitValues = {
  ...valuesOf(),
  name: ' Lärmschutz ',
  permit_type: 'NOISE',
  authority: '  ',
  reference_number: 'AZ-7',
  application_date: '2027-03-01',
  cost: '450.00',
  notes: '',
};

describe('a permit as the API wants it', () => {
  test('created: with its starting status; the fee only for those who see costs', () => {
    expect(toCreateBody(values, true)).toEqual({
      name: 'Lärmschutz',
      permit_type: 'NOISE',
      status: 'PENDING',
      authority: null,
      reference_number: 'AZ-7',
      application_date: '2027-03-01',
      approval_date: null,
      expiry_date: null,
      notes: null,
      cost: '450.00',
    });
    expect(toCreateBody(values, false)).not.toHaveProperty('cost');
  });

  test('updated: no status (it moves through its own actions); an emptied fee is no fee', () => {
    const body = toUpdateBody({ ...values, cost: null }, true);
    expect(body).not.toHaveProperty('status');
    expect(body.cost).toBe('0');
    expect(body.name).toBe('Lärmschutz');
    expect(toUpdateBody(values, false)).not.toHaveProperty('cost');
  });
});
