/** The landing page served at `/` until a member signs in to the web chat. */
export function homePage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kiungo</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d2a22}code{background:#eef3ef;padding:.1rem .3rem;border-radius:4px}</style>
</head>
<body>
<h1>Kiungo is running</h1>
<p>Your business assistant is up. From a terminal in the project folder, try:</p>
<p><code>npx kiungo tools call who_owes_me</code></p>
<p>Health: <a href="/healthz">/healthz</a> · API: <code>/api/v1</code> with <code>Authorization: Bearer &lt;key&gt;</code> (create one with <code>npx kiungo keys create</code>).</p>
</body>
</html>`;
}
