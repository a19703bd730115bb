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
    if (/login|ingreso|signin/i.test(url.pathname)) return 'login';
    if (url.hostname === 'www.movistar.com.ar') {
      if (/^\/recarga/i.test(url.pathname)) return 'recharge';
      if (/^\/micuenta/i.test(url.pathname)) return 'account';
      return 'other';
    }
    return 'account';
  },
  hints: { balance: ['#balance'] },
});
