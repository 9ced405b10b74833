export type Theme = 'light' | 'dark' | 'system';

/** localStorage key and cookie name; the cookie lets a future server render pick the class up front. */
export const THEME_KEY = 'consailt-theme';

/**
 * Runs inline in <head> before first paint so the `dark` class is on <html> before any content renders
 * (no light flash for dark-mode users). Kept dependency-free and wrapped in try: storage can be blocked.
 */
export const themeInitScript = `(function(){try{var k=${JSON.stringify(THEME_KEY)};var t=localStorage.getItem(k);if(t!=='light'&&t!=='dark'&&t!=='system'){var m=document.cookie.match(new RegExp('(?:^|; )'+k+'=(light|dark|system)'));t=m?m[1]:'system'}var d=t==='dark'||(t==='system'&&window.matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d)}catch(e){}})();`;
