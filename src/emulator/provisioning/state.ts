/** Provisioning half of the emulator state (apps, keys, integrations, webhooks, switchboards). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProvisioningState {}

export function emptyProvisioningState(): ProvisioningState {
  return {};
}
