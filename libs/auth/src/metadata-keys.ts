/** Reflect-metadata keys of the auth decorators (their own module: the guards and decorators both read them). */
export const PERMISSION_KEY = 'prosmed:permission';
export const PUBLIC_KEY = 'prosmed:public';
