// The Standard Webhooks reference library (npm standardwebhooks, pinned in package-lock.json), driven
// by StandardWebhooksReferenceTest to check DES's signatures the way a receiver's code would.
//   node standardwebhooks.js verify <body file> <headers json file>   exit 0 verified, 1 refused
//   node standardwebhooks.js sign <body file> <webhook-id> <unix seconds>   prints webhook-signature
// The secret (whsec_...) comes in WEBHOOK_SECRET; exit 2 means the script itself could not run.
const fs = require("fs");
let Webhook, WebhookVerificationError;
try {
  ({ Webhook, WebhookVerificationError } = require("standardwebhooks"));
} catch (e) {
  console.error("standardwebhooks is not installed: " + e.message);
  process.exit(2);
}

const [mode, bodyFile, ...rest] = process.argv.slice(2);
const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const body = fs.readFileSync(bodyFile);

if (mode === "verify") {
  const headers = JSON.parse(fs.readFileSync(rest[0], "utf8"));
  try {
    webhook.verify(body, headers);
    console.log("verified");
    process.exit(0);
  } catch (e) {
    if (e instanceof WebhookVerificationError) {
      console.log("refused: " + e.message);
      process.exit(1);
    }
    console.error(e.stack);
    process.exit(2);
  }
} else if (mode === "sign") {
  console.log(webhook.sign(rest[0], new Date(Number(rest[1]) * 1000), body));
} else {
  console.error("usage: verify <body> <headers.json> | sign <body> <id> <seconds>");
  process.exit(2);
}
