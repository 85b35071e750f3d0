import { describe, expect, it } from 'vitest';
import { parseMpesaDetails } from './index.ts';

describe('parseMpesaDetails', () => {
  it('reads a customer transfer with a masked number', () => {
    expect(parseMpesaDetails('Customer Transfer from 2547******678 - JOHN DOE')).toEqual({
      phone: '2547******678',
      payerName: 'JOHN DOE',
    });
  });

  it('reads funds received, name after the number', () => {
    expect(parseMpesaDetails('Funds received from - 0712***678 JANE WANJIKU')).toEqual({
      phone: '0712***678',
      payerName: 'JANE WANJIKU',
    });
  });

  it('reads a Pay Bill with its account reference', () => {
    expect(parseMpesaDetails('Pay Bill from 254712345678 - MARY ATIENO Acc. INV-00042')).toEqual({
      phone: '254712345678',
      payerName: 'MARY ATIENO',
      invoiceNumber: 'INV-00042',
    });
    expect(parseMpesaDetails('Pay Bill from 2547****5678 - Acc. R-000001')).toEqual({
      phone: '2547****5678',
      invoiceNumber: 'R-000001',
    });
  });

  it('reads an "Other Party Info" cell', () => {
    expect(parseMpesaDetails('2547****0111 - MARY ATIENO')).toEqual({
      phone: '2547****0111',
      payerName: 'MARY ATIENO',
    });
  });

  it('reads a name written before the number', () => {
    expect(parseMpesaDetails('Received from PETER 0712345678')).toEqual({
      phone: '0712345678',
      payerName: 'PETER',
    });
  });

  it('returns nothing for lines without a payer, and does not take a till or pay bill number for a phone', () => {
    expect(parseMpesaDetails('Pay Bill Online')).toEqual({});
    expect(parseMpesaDetails('Business Pay Bill Charge')).toEqual({});
    expect(parseMpesaDetails('Business Payment from 600000 - SAFARICOM via API')).toEqual({});
    expect(parseMpesaDetails('')).toEqual({});
  });
});
