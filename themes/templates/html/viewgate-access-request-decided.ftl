<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if granted>
<p>${msg("viewgateEmailGrantedBody", grantedTier)}</p>
<#else>
<p>${msg("viewgateEmailDeclinedBody")}</p>
</#if>
<#if reason?has_content>
<p style="white-space: pre-wrap">${reason}</p>
</#if>
<p><a href="${formUrl}">${msg("viewgateEmailOpenForm")}</a></p>
</@layout.emailLayout>
