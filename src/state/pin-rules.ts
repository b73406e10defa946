// The PIN's length and when the pad starts warning, for the lock screens (a plain re-export, so
// the pin pad's chunk is unchanged).
export { PIN_LENGTH, WARN_PIN_FAILURES } from '../db/crypto-pin.ts';
