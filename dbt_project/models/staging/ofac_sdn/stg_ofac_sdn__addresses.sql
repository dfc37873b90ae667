{{ stg_ofac_addresses('raw_ofac_sdn', 'OFAC') }}
