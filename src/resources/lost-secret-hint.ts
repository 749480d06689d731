/**
 * How to get back a generated secret the secrets file lost. The spec returns it on GET and list
 * (components.schemas.appKey and webhook `secret`; messagebird `webhookSecret` is readOnly, not
 * writeOnly), so nothing has to be deleted: apply and `sunco secrets pull` copy it from the live object.
 */
export const RECOVER_SECRET_HINT =
  'run sunco-apply with --secrets-out again: it recovers the secret from the live object, which the API returns on GET (or sunco secrets pull --secrets-out FILE copies it now)';
