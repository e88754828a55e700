<#ftl output_format="plainText">
<#if granted>${msg("viewgateEmailGrantedBody", grantedTier)}<#else>${msg("viewgateEmailDeclinedBody")}</#if>
<#if reason?has_content>

${reason}
</#if>

${msg("viewgateEmailOpenForm")}: ${formUrl}
