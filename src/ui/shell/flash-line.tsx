// The aria-live line for confirmations ("已保存", "已登录"): a band at the foot of the sticky header,
// in the page's flow, so it pushes the screen down for a moment instead of covering anything.
import { flash } from '../../state/flash.ts';

export function FlashLine() {
  const message = flash.value;
  return (
    <p class={message ? 'flash shown' : 'flash'} role="status" aria-live="polite" data-testid="flash">
      {message?.text ?? ''}
    </p>
  );
}
