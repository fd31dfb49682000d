/**
 * Azure credentials that may sit in a URL or an SDK message: a SAS token's signature, an account
 * key, a whole connection string's secret parts. Every line the Azure source writes goes through
 * this, so none of them reaches a report.
 */
import { maskUrlCredentials } from '../../errors/url-credentials.js';

const SECRETS: Array<[RegExp, string]> = [
  [/\b(sig|se|st|sp|sv|skoid|sktid|skt|ske|sks|skv|spr|srt|ss|sr)=[^&\s"']*/gi, '$1=***'],
  [/\b(AccountKey|SharedAccessSignature)=[^;\s"']*/gi, '$1=***'],
  [/([?&])(code|token|access_token)=[^&\s"']*/gi, '$1$2=***'],
];

/** SAS parameters and key-value secrets masked; a URL's user part is left as it is. */
export function maskSasSecrets(text: string): string {
  let masked = text;
  for (const [pattern, replacement] of SECRETS) masked = masked.replace(pattern, replacement);
  return masked;
}

/** Every Azure credential masked, and any URL's user and password too. */
export function maskAzureSecrets(text: string): string {
  return maskSasSecrets(maskUrlCredentials(text));
}
