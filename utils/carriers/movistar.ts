import { INFORMATION_PATH, LOGIN_PATH, RECHARGE_PATH, rechargeStep } from './paths';
import { defineCarrier } from './types';

export const movistar = defineCarrier({
  id: 'movistar',
  name: 'Movistar',
  portalName: 'Mi Movistar',
  brandWords: ['movistar', 'mi movistar'],
  color: '#019df4',
  hosts: ['mi.movistar.com.ar', 'www.movistar.com.ar'],
  loginHosts: [],
  rechargeUrl: 'https://www.movistar.com.ar/recarga-con-tarjeta-de-credito',
  portalUrl: 'https://mi.movistar.com.ar/',
  urlPageKind(url) {
    if (LOGIN_PATH.test(url.pathname)) return 'login';
    if (INFORMATION_PATH.test(url.pathname)) return 'other';
    if (RECHARGE_PATH.test(url.pathname)) return rechargeStep(url);
    if (url.hostname === 'www.movistar.com.ar') {
      // The older "Mi Cuenta" lives on the public site; the rest of it is public pages.
      return /^\/micuenta/i.test(url.pathname) ? 'account' : 'other';
    }
    return 'account';
  },
  hints: { balance: ['#balance'] },
});
