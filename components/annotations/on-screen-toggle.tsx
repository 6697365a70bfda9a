'use client';

import { useState } from 'react';

/** Narrows the Annotations list to the threads whose highlights are on screen now. */
export function OnScreenToggle() {
  const [isOn, setIsOn] = useState(false);
  return (
    <button
      type="button"
      className="button button--small"
      aria-pressed={isOn}
      onClick={() => {
        document.querySelector('.annotations-panel')?.classList.toggle('annotations-panel--on-screen', !isOn);
        setIsOn(!isOn);
      }}
    >
      Only what is on screen
    </button>
  );
}
