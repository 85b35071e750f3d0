/** The connect page: credentials typed here, never in chat; what to sync; how often. */
import type { AnyConnector } from '../../connectors/define.ts';
import { frequencies } from '../../sync/settings.ts';
import { chatStyles } from './chat-styles.ts';
import { escapeHtml } from './render.ts';

const frequencyLabels: Record<string, string> = {
  realtime: 'Real time (as it happens)',
  hourly: 'Every hour',
  daily: 'Every night',
  manual: 'Only when I ask',
};

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Kiungo · ${escapeHtml(title)}</title><style>${chatStyles}
.connect{max-width:34rem;margin:2rem auto;padding:0 1rem}.connect label{display:block;margin:.8rem 0 .2rem;font-weight:600}.connect input[type=text],.connect input[type=password],.connect select{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}.connect .help{font-size:.85rem;opacity:.8;margin:.2rem 0}.connect fieldset{margin:1rem 0;border:1px solid #ccc;padding:.5rem 1rem}.connect .error{color:#a00;font-weight:600}.connect code{word-break:break-all}</style></head>
<body><main class="connect">${body}</main></body></html>`;
}

export function connectFormPage(options: {
  connector: AnyConnector;
  businessName: string;
  action: string;
  error?: string;
  reconnect: boolean;
}): string {
  const { connector } = options;
  const inputs = connector.fields
    .filter((field) => !field.generated && !field.internal)
    .map(
      (
        field,
      ) => `<label for="f-${escapeHtml(field.name)}">${escapeHtml(field.label)}${field.optional ? ' (optional)' : ''}</label>
<input id="f-${escapeHtml(field.name)}" name="config.${escapeHtml(field.name)}" type="${field.secret ? 'password' : 'text'}" autocomplete="off" ${field.optional ? '' : 'required'} ${field.placeholder ? `placeholder="${escapeHtml(field.placeholder)}"` : ''}>
${field.help ? `<p class="help">${escapeHtml(field.help)}</p>` : ''}`,
    )
    .join('\n');
  const streams = connector.streams
    .map(
      (stream) => `<label><input type="checkbox" name="streams" value="${stream}" checked> ${stream}</label>`,
    )
    .join('');
  const options_ = frequencies
    .filter((frequency) => frequency !== 'realtime' || connector.realtime)
    .map(
      (frequency) =>
        `<option value="${frequency}" ${frequency === (connector.realtime ? 'realtime' : 'daily') ? 'selected' : ''}>${frequencyLabels[frequency]}</option>`,
    )
    .join('');
  const body = `<h1>${options.reconnect ? 'Reconnect' : 'Connect'} ${escapeHtml(connector.name)}</h1>
<p>For <strong>${escapeHtml(options.businessName)}</strong>. What you type here is encrypted and never shown in chat.</p>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}">
${inputs}
${connector.streams.length > 0 ? `<fieldset><legend>What to sync</legend>${streams}</fieldset>` : ''}
<label for="frequency">How often</label><select id="frequency" name="frequency">${options_}</select>
<p><button type="submit">Save and start sync</button></p>
</form>
<p class="help"><a href="${escapeHtml(connector.docsUrl)}" rel="noreferrer">${escapeHtml(connector.name)} documentation</a></p>`;
  return shell(`Connect ${connector.name}`, body);
}

export function connectDonePage(options: {
  connector: AnyConnector;
  webhookUrl: string;
  generated: Record<string, string>;
  notes: string[];
  syncNote: string;
}): string {
  const generated = Object.entries(options.generated)
    .map(([name, value]) => {
      const label = options.connector.fields.find((field) => field.name === name)?.label ?? name;
      return `<p>${escapeHtml(label)} (shown once, copy it now):<br><code>${escapeHtml(value)}</code></p>`;
    })
    .join('');
  const body = `<h1>${escapeHtml(options.connector.name)} is connected</h1>
<p>${escapeHtml(options.syncNote)}</p>
${options.connector.webhook ? `<p>Webhook address for ${escapeHtml(options.connector.name)}:<br><code>${escapeHtml(options.webhookUrl)}</code></p>` : ''}
${generated}
${options.notes.map((note) => `<p class="help">${escapeHtml(note)}</p>`).join('')}
<p>You can close this page and go back to the chat.</p>`;
  return shell('Connected', body);
}

export function connectGonePage(message: string): string {
  return shell('Link expired', `<h1>Kiungo</h1><p>${escapeHtml(message)}</p>`);
}
