/**
 * Reading the payer out of an M-PESA statement's free text ("Details", "Other Party Info"), where
 * Safaricom writes who paid and from which (often masked) number.
 */

/** What a statement line says about the payer; each part only when the text holds it. */
export interface MpesaDetails {
  payerName?: string;
  /** As written: possibly masked ("2547******678"), so not always a dialable number. */
  phone?: string;
  /** The account the payer typed on a Pay Bill ("Acc. INV-00042"): usually an invoice or customer number. */
  invoiceNumber?: string;
}

// Digits with optional mask characters, long enough to be a subscriber number (till and pay bill
// numbers are 5–7 digits and are not phones).
const phonePattern = /(?<![\w*])(\+?\d{2,4}[\d*xX•]{3,10}\d{1,4})(?![\w*])/;
const accountPattern = /\bAcc(?:ount)?\b\.?\s*(?:No\b\.?)?\s*[:#]?\s*(.*)$/i;

/**
 * Parses lines such as "Customer Transfer from 2547******678 - JOHN DOE", "Funds received from -
 * 0712***678 JANE WANJIKU", "Pay Bill from 254712345678 - MARY ATIENO Acc. INV-00042" or an "Other
 * Party Info" cell ("2547****0111 - MARY ATIENO"). Returns nothing for lines without a payer
 * ("Pay Bill Online", "Business Charge").
 */
export function parseMpesaDetails(text: string): MpesaDetails {
  const result: MpesaDetails = {};
  let rest = text.replace(/\s+/g, ' ').trim();

  const account = accountPattern.exec(rest);
  if (account) {
    const value = account[1]?.trim().replace(/[.,;]+$/, '');
    if (value) result.invoiceNumber = value;
    rest = rest.slice(0, account.index).trim();
  }

  const phone = phonePattern.exec(rest);
  if (!phone?.[1] || !isPhone(phone[1])) return result;
  result.phone = phone[1];

  const after = rest.slice(phone.index + phone[0].length);
  const before = rest.slice(0, phone.index);
  // The name follows the number ("… 2547…678 - JOHN DOE"); a few lines put it first ("from PETER 0712…").
  const name = cleanName(after) ?? cleanName(before.replace(/^.*\b(from|to|kutoka|kwa)\b/i, ''));
  if (name) result.payerName = name;
  return result;
}

function isPhone(token: string): boolean {
  const digits = token.replace(/\D/g, '');
  const masked = /[*xX•]/.test(token);
  return masked ? token.length >= 9 : digits.length >= 9 && digits.length <= 13;
}

function cleanName(text: string): string | undefined {
  const name = text
    .replace(/^[\s\-–:,]+/, '')
    .replace(/[\s\-–:,.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // A name is words of letters (with the odd apostrophe, dot or hyphen), not a leftover code or amount.
  if (name === '' || !/^[\p{L}][\p{L}'’.\- ]*$/u.test(name)) return undefined;
  return name;
}
