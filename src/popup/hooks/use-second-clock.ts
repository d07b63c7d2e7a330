/**
 * The time, re-read at every whole second while the component is shown, for values that change
 * with the clock (a TOTP code and its countdown). Waking at the second's boundary rather than
 * every 1000 ms from mount keeps a countdown in step with the code it counts down to.
 */
import { useEffect, useState } from 'preact/hooks';

export function useSecondClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        1000 - (Date.now() % 1000),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
  return now;
}
