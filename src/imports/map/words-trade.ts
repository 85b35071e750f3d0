/**
 * Header words for trade (products, invoices, payments, stock, expenses, leads), English and
 * Swahili. Indexed per entity in synonyms.ts.
 */

export const sku = [
  'item code',
  'product code',
  'code',
  'msimbo',
  'msimbo wa bidhaa',
  'stock code',
  'item no',
  'article number',
  'part number',
  'variant sku',
  'internal reference',
];
export const barcode = ['bar code', 'ean', 'upc', 'gtin', 'isbn', 'msimbopau'];
export const productName = [
  'bidhaa',
  'jina la bidhaa',
  'item',
  'item name',
  'product',
  'product name',
  'product title',
  'title',
  'service',
  'product service',
  'product service name',
  'huduma',
];
export const description = [
  'maelezo',
  'maelezo ya bidhaa',
  'details',
  'item description',
  'product description',
  'sales description',
];
export const category = [
  'kategoria',
  'aina',
  'aina ya bidhaa',
  'product category',
  'item category',
  'category name',
  'group',
  'department',
  'idara',
];
export const price = [
  'bei',
  'bei ya kuuza',
  'bei ya rejareja',
  'selling price',
  'sale price',
  'sales price',
  'unit price',
  'retail price',
  'regular price',
  'rate',
  'sales price rate',
  'price kes',
  'price tzs',
];
export const cost = [
  'gharama',
  'bei ya kununua',
  'bei ya kununulia',
  'cost price',
  'buying price',
  'purchase price',
  'purchase cost',
  'purchase rate',
  'unit cost',
  'supply price',
  'cost per item',
];
export const currency = ['sarafu', 'currency code', 'curr'];
export const quantity = [
  'idadi',
  'qty',
  'quantity',
  'stock',
  'stoki',
  'on hand',
  'available',
  'quantity on hand',
  'qty on hand',
  'stock on hand',
  'stock quantity',
  'stock level',
  'inventory',
  'units',
  'idadi iliyopo',
];
export const reorderLevel = [
  'reorder point',
  'minimum stock',
  'min stock',
  'low stock amount',
  'reorder qty',
  'kiwango cha kuagiza',
];
export const unit = ['uom', 'unit of measure', 'units of measure', 'usage unit', 'unit name', 'kipimo'];
export const invoiceNumber = [
  'namba ya ankara',
  'nambari ya ankara',
  'ankara',
  'ankara no',
  'invoice',
  'invoice no',
  'invoice number',
  'invoice num',
  'inv no',
  'inv',
  'bill no',
  'no',
  'num',
];
export const issueDate = [
  'date',
  'tarehe',
  'tarehe ya ankara',
  'invoice date',
  'date issued',
  'trans date',
  'transaction date',
  'txn date',
];
export const dueDate = [
  'due',
  'due on',
  'date due',
  'payment due',
  'tarehe ya mwisho',
  'tarehe ya kulipa',
  'tarehe ya mwisho ya kulipa',
];
export const invoiceTotal = [
  'jumla',
  'jumla kuu',
  'amount',
  'kiasi',
  'total amount',
  'grand total',
  'invoice total',
  'invoice amount',
];
export const amountPaid = [
  'paid',
  'amount paid',
  'paid amount',
  'total paid',
  'kilicholipwa',
  'kiasi kilicholipwa',
  'payments',
];
export const balance = [
  'deni',
  'salio',
  'amount due',
  'balance due',
  'due amount',
  'outstanding',
  'outstanding balance',
  'open balance',
  'amount outstanding',
  'kiasi kinachodaiwa',
];
export const status = ['hali', 'invoice status', 'order status', 'payment status'];
export const reference = [
  'risiti',
  'namba ya risiti',
  'receipt',
  'receipt no',
  'receipt number',
  'transaction id',
  'transaction code',
  'transaction ref',
  'transaction reference',
  'trans id',
  'txn id',
  'mpesa code',
  'm pesa code',
  'mpesa ref',
  'mpesa receipt',
  'confirmation code',
  'ref',
  'ref no',
  'reference no',
  'reference number',
  'namba ya muamala',
  'kumbukumbu namba',
];
export const payerName = [
  'payer',
  'payer name',
  'mlipaji',
  'jina la mlipaji',
  'paid by',
  'sender',
  'received from',
  'from',
];
export const paidAt = [
  'date',
  'tarehe',
  'tarehe ya malipo',
  'payment date',
  'date paid',
  'paid on',
  'completion time',
  'transaction date',
  'trans date',
  'transaction time',
  'date time',
  'time',
];
export const paymentAmount = [
  'kiasi',
  'kiasi kilicholipwa',
  'paid in',
  'amount paid',
  'amount received',
  'paid amount',
  'received',
  'credit',
  'money in',
];
export const method = [
  'njia ya malipo',
  'njia',
  'payment method',
  'payment mode',
  'mode',
  'mode of payment',
  'payment type',
  'paid via',
];
export const paymentInvoice = [
  'namba ya ankara',
  'invoice',
  'invoice no',
  'invoice number',
  'account',
  'account no',
  'account number',
  'acc no',
  'a c no',
  'bill ref',
  'bill reference',
  'account reference',
];
export const location = [
  'store',
  'branch',
  'tawi',
  'warehouse',
  'outlet',
  'ghala',
  'duka',
  'shop',
  'site',
  'stock location',
  'warehouse name',
  'mahali',
];
export const expenseDate = ['tarehe', 'expense date', 'date spent', 'transaction date', 'trans date'];
export const expenseCategory = [
  'kategoria',
  'aina',
  'aina ya matumizi',
  'expense type',
  'expense category',
  'expense account',
  'account',
];
export const expenseDescription = [
  'maelezo',
  'details',
  'memo',
  'narration',
  'particulars',
  'purpose',
  'matumizi',
  'item',
];
export const expenseAmount = ['kiasi', 'gharama', 'cost', 'total', 'spent', 'amount spent', 'debit', 'paid'];
export const vendor = [
  'supplier',
  'msambazaji',
  'muuzaji',
  'payee',
  'paid to',
  'merchant',
  'vendor name',
  'supplier name',
  'name',
];
export const leadSource = ['chanzo', 'lead source', 'original source', 'referral source', 'how did you hear'];
export const campaign = ['kampeni', 'campaign name', 'utm campaign'];
export const leadStatus = ['hali', 'lead status', 'stage', 'lifecycle stage'];
export const score = ['alama', 'lead score', 'hubspot score'];
