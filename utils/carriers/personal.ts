import { INFORMATION_PATH, LOGIN_PATH, RECHARGE_PATH, rechargeStep } from './paths';
import { defineCarrier } from './types';

export const personal = defineCarrier({
  id: 'personal',
  name: 'Personal',
  portalName: 'Mi Personal',
  brandWords: ['personal', 'mi personal'],
  color: '#00a3e0',
  hosts: ['autogestion.personal.com.ar', 'recargas.personal.com.ar', 'www.personal.com.ar'],
  loginHosts: ['sso.personal.com.ar', 'sesion.personal.com.ar'],
  rechargeUrl: 'https://recargas.personal.com.ar/phone',
  portalUrl: 'https://autogestion.personal.com.ar/',
  urlPageKind(url) {
    if (this.loginHosts.includes(url.hostname) || LOGIN_PATH.test(url.pathname)) return 'login';
    if (INFORMATION_PATH.test(url.pathname)) return 'other';
    // The recharge site is a flow of its own: /phone → /pay/amount → the result.
    if (url.hostname === 'recargas.personal.com.ar' || RECHARGE_PATH.test(url.pathname)) {
      return rechargeStep(url);
    }
    // The public site: plans, help, promotions.
    if (url.hostname === 'www.personal.com.ar') return 'other';
    return 'account';
  },
  hints: {
    balance: ['#ctl00_ContenedorAutogestion_lblSaldo'],
    expiry: ['#ctl00_ContenedorAutogestion_lblVencimiento'],
  },
});
