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
    if (this.loginHosts.includes(url.hostname)) return 'login';
    if (/^\/login/i.test(url.pathname)) return 'login';
    if (url.hostname === 'recargas.personal.com.ar') return 'recharge';
    // The public site: plans, help, promotions; a recharge flow may start there too.
    if (url.hostname === 'www.personal.com.ar') {
      return /recarga/i.test(url.pathname) ? 'recharge' : 'other';
    }
    return 'account';
  },
  hints: {
    balance: ['#ctl00_ContenedorAutogestion_lblSaldo'],
    expiry: ['#ctl00_ContenedorAutogestion_lblVencimiento'],
  },
});
