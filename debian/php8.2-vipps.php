mod debian/vipps.ini
