import { useEffect, useState } from 'react';
import { secondsLeft } from './jit-policy';

/** Seconds until `endTimeUtc`, re-rendered every second while above zero. */
export function useCountdown(endTimeUtc: string | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  const left = endTimeUtc ? secondsLeft(endTimeUtc, now) : undefined;
  useEffect(() => {
    if (!endTimeUtc || left === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endTimeUtc, left]);
  return left;
}
