import type { CarrierAdapter } from './types';

export const personal: CarrierAdapter = {
  id: 'personal',
  name: 'Personal',
  color: '#00a3e0',
  hosts: ['autogestion.personal.com.ar', 'recargas.personal.com.ar'],
  loginHosts: ['sso.personal.com.ar', 'sesion.personal.com.ar'],
  rechargeUrl: 'https://recargas.personal.com.ar/phone',
  portalUrl: 'https://autogestion.personal.com.ar/',
  urlPageKind(url) {
    if (this.loginHosts.includes(url.hostname)) return 'login';
    if (/^\/login/i.test(url.pathname)) return 'login';
    if (url.hostname === 'recargas.personal.com.ar') return 'recharge';
    return 'account';
  },
  hints: {
    balance: ['#ctl00_ContenedorAutogestion_lblSaldo'],
    expiry: ['#ctl00_ContenedorAutogestion_lblVencimiento'],
  },
};
